// The paper's two training tasks for any corpus (Sachan et al. 2018): BiLM pretraining on the
// corpus's unlabeled train+devel text, and the tagger, with or without BiLM transfer. Every corpus
// config is one call of these, so all corpora share the architecture and the protocol.
local arch = import 'architecture.libsonnet';

local tokenizer(scheme) = { type: 'biomedical', scheme: scheme };

{
  // `lm_text`: comma-separated token<TAB>tag files, .txt files or folders of raw documents.
  bilm(lm_text, validation, scheme='alnum'):: arch.random_seeds + {
    dataset_reader: {
      type: 'lm_sentences',
      token_indexers: arch.token_indexers,
      tokenizer: tokenizer(scheme),
    },
    train_data_path: lm_text,
    // Part of the LM's training text: it drives the learning-rate schedule and early stopping,
    // it is not a held-out perplexity.
    validation_data_path: validation,
    model: {
      type: 'bilm',
      text_field_embedder: arch.text_field_embedder,
      encoder: arch.encoder,
      // BILM_SOFTMAX_SAMPLES: a sampled softmax in training, cheaper for large vocabularies.
      [if std.extVar('BILM_SOFTMAX_SAMPLES') != '' then 'num_samples']:
        std.parseInt(std.extVar('BILM_SOFTMAX_SAMPLES')),
      // BILM_DIRECTIONS: `forward` or `backward` trains that LM alone (the paper's one-direction
      // rows of Table 3); empty, both (the BiLM).
      [if std.extVar('BILM_DIRECTIONS') != '' then 'directions']: std.extVar('BILM_DIRECTIONS'),
      initializer: { regexes: arch.paper_initializer },
    } + arch.word_dropout('BILM_WORD_DROPOUT'),
    data_loader: arch.data_loader(500),
    validation_data_loader: arch.data_loader(4000),
    trainer: arch.trainer(arch.num_epochs(20), '-perplexity'),
  },

  // `+` on a `bilm(...)` config: the same BiLM, trained for speed (20 NCBI epochs in under 15
  // minutes on 2 CPU cores): a sampled softmax of 1,024 words, bfloat16 mixed precision and
  // batches of about 2,000 words (4x the paper config's), with the learning rate scaled with the
  // batch (4 x 0.001: at 0.001, 20 epochs of the 4x fewer updates reached devel perplexity 71.5).
  // The architecture is unchanged, so transfer works as before; devel perplexity is still
  // computed with the full softmax. But its transfer gives the tagger no head start on
  // NCBI-disease (epoch-1 devel F1 2.4 below no pretraining on 3 seeds, against 3.5 above with
  // the paper's config trained to the same perplexity: docs/head_start.md): use `bilm(...)`.
  fast_bilm:: {
    model+: { num_samples: 1024, bfloat16: true },
    data_loader: arch.data_loader(2000),
    trainer+: { optimizer+: { lr: 0.004 } },
  },

  // Tagged token<TAB>tag `train` and `validation` files (IOB or IOBES). `train_reader` replaces
  // the reader for training data in another format (brat, PubTator).
  tagger(train, validation, scheme='alnum', train_reader=null):: arch.random_seeds + {
    local iob_reader = {
      type: 'iob_tagging',
      token_indexers: arch.token_indexers,
      tokenizer: tokenizer(scheme),
    },
    dataset_reader: if train_reader == null then iob_reader else iob_reader + train_reader,
    [if train_reader != null then 'validation_dataset_reader']: iob_reader,
    train_data_path: train,
    validation_data_path: validation,
    datasets_for_vocab_creation: ['train'],
    // With WORD_VECTORS, the 50,000 most frequent words of the vectors join the training words,
    // so that a word first seen in devel, test or the user's text keeps its pretrained vector.
    [if std.extVar('WORD_VECTORS') != '' then 'vocabulary']: {
      type: 'with_word_vectors',
      word_vectors: std.extVar('WORD_VECTORS'),
      max_vector_words: 50000,
    },
    model: {
      type: 'ner_tagger',
      text_field_embedder: arch.text_field_embedder,
      encoder: arch.encoder,
      use_crf: true,
      initializer: { regexes: arch.paper_initializer },
    } + arch.word_dropout('WORD_DROPOUT'),
    data_loader: arch.data_loader(1000),
    validation_data_loader: arch.data_loader(4000),
    trainer: arch.trainer(arch.num_epochs(50), '+f1-measure-overall'),
  },

  // A tagger config with BiLM transfer; `directions`: both (BiLM), forward, backward.
  // TRANSFER_HEAD=silent_fast: the head of architecture.libsonnet's `silent_head_initializer`.
  // TRANSFER_PARTS=embedder, words, chars, lstms or a `+`-joined set (words+lstms): only those
  // parts of the BiLM are copied (ablations).
  with_transfer(tagger, archive, directions='both')::
    local head = std.extVar('TRANSFER_HEAD');
    assert std.member(['', 'silent_fast'], head) :
           'TRANSFER_HEAD=%s: expected empty (the paper\'s head) or silent_fast' % head;
    local parts = std.extVar('TRANSFER_PARTS');
    assert parts == '' || std.all([std.member(arch.transfer_parts, part) for part in std.split(parts, '+')]) :
           'TRANSFER_PARTS=%s: expected empty (all, the paper) or a +-joined set of %s'
           % [parts, std.join(', ', arch.transfer_parts)];
    local silent_fast = head == 'silent_fast';
    tagger + {
      model+: {
        initializer: {
          regexes: (if silent_fast then arch.silent_head_initializer else [])
                   + arch.transfer_initializer(archive, directions, if parts == '' then 'all' else parts)
                   + arch.paper_initializer,
        },
      },
      [if silent_fast then 'trainer']+: {
        optimizer+: { parameter_groups: arch.fast_head_parameter_groups(super.lr) },
      },
    },
}
