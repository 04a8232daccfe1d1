// The architecture of Sachan, Xie, Sachan & Xing (2018), "Effective Use of Bidirectional Language
// Modeling for Transfer Learning in Biomedical Named Entity Recognition", shared by the BiLM and the
// tagger configs so that the two cannot drift apart: transfer copies these modules one to one.
// Sizes are fields, so that a variant (the test fixtures' tiny model) can override them with `+`.
local env(name) = std.extVar(name);

{
  word_embedding_dim: 300,
  char_embedding_dim: 50,
  // Filter widths 1..7 with min(200, 50 * w) filters each: 50 + 100 + 150 + 4 * 200 = 1100 features.
  char_filters: [[w, std.min(200, 50 * w)] for w in std.range(1, 7)],
  widest_filter: std.foldl(std.max, [filter[0] for filter in $.char_filters], 0),
  char_cnn_dim: std.foldl(function(total, filter) total + filter[1], $.char_filters, 0),
  hidden_size: 256,  // per direction
  dropout: 0.5,

  token_indexers: {
    tokens: { type: 'number_normalizing', namespace: 'tokens' },
    // Characters past the 100th are not read (bilm_serving.tokenization.MAX_CHARACTERS, the
    // indexer's default, spelled out so that every saved config records it and `--recover` of
    // an older run still matches); words are padded to the batch's longest word, at least the
    // widest filter.
    token_characters: {
      type: 'capped_characters',
      max_characters: 100,
      namespace: 'token_characters',
      min_padding_length: $.widest_filter,
    },
  },

  text_field_embedder: {
    token_embedders: {
      // WORD_VECTORS: a word2vec file (text, or binary `.bin`); empty: random (Xavier) vectors.
      tokens: {
        type: 'word2vec_embedding',
        embedding_dim: $.word_embedding_dim,
        vocab_namespace: 'tokens',
        pretrained_file: if env('WORD_VECTORS') == '' then null else env('WORD_VECTORS'),
      },
      token_characters: {
        type: 'unique_character_encoding',
        embedding: {
          embedding_dim: $.char_embedding_dim,
          vocab_namespace: 'token_characters',
          padding_index: 0,
        },
        encoder: { type: 'multi_width_cnn', embedding_dim: $.char_embedding_dim, filters: $.char_filters },
      },
    },
  },

  // The model's `word_dropout` field from the variable `name` (empty: none, the paper), an
  // object to add to a model; empty, so that configs without it stay as saved before it existed.
  word_dropout(name):: if env(name) == '' then {} else { word_dropout: std.parseJson(env(name)) },

  encoder: {
    type: 'bilm_lstm',
    input_dim: $.word_embedding_dim + $.char_cnn_dim,
    hidden_size: $.hidden_size,
    input_dropout: $.dropout,
    output_dropout: $.dropout,
  },

  // The paper: LSTM weights uniform(-0.005, 0.005), Xavier elsewhere (embeddings are Xavier-
  // initialized by AllenNLP's Embedding itself). The first matching regex wins.
  paper_initializer: [
    ['.*_lstm\\..*', { type: 'uniform', a: -0.005, b: 0.005 }],
    ['.*(convolutions|tag_projection_layer|_softmax_loss).*(weight|softmax_w)$', { type: 'xavier_uniform' }],
  ],

  // Regexes and initializer copying a BiLM into the tagger; `directions`: both, forward, backward;
  // `parts`: all (the paper), or for ablations `+`-joined `transfer_parts` (e.g. `words+lstms`),
  // the rest initialized as without transfer.
  transfer_parts: ['embedder', 'words', 'chars', 'lstms'],
  transfer_initializer(archive_file, directions='both', parts='all')::
    local regexes = {
      embedder: '^_text_field_embedder\\..*',  // words and chars
      words: '^_text_field_embedder\\.token_embedder_tokens\\..*',
      chars: '^_text_field_embedder\\.token_embedder_token_characters\\..*',  // embeddings and CNN
      lstms: '^_encoder\\.'
             + { both: '(forward|backward)', forward: 'forward', backward: 'backward' }[directions]
             + '_lstm\\..*',
    };
    local copied = if parts == 'all' then ['embedder', 'lstms'] else std.split(parts, '+');
    [[
      std.join('|', [regexes[part] for part in copied]),
      { type: 'bilm_transfer', archive_file: archive_file, directions: directions },
    ]],

  // TRANSFER_HEAD=silent_fast, a tagger with transfer only: its head (decoder and CRF) starts
  // silent (the decoder at zero, so no random emission scores and no gradient into the
  // transferred LSTMs until it has learnt something) and learns at `head_lr_factor` times the
  // rest's learning rate. Epoch-1 devel F1 on NCBI-disease, seeds 13-15: 80.52 against 77.88
  // with the Xavier head, no pretraining 76.09 (docs/head_start.md, findings 11-13). Final
  // test F1, seeds 13-15: 85.07 against 85.16 with the Xavier head: no gain that lasts, hence
  // not the default (the paper's head is the paper's method).
  head_regex: '^(tag_projection_layer|crf)\\.',
  head_lr_factor: 10,
  silent_head_initializer: [['^tag_projection_layer\\..*', { type: 'zero' }]],
  fast_head_parameter_groups(lr):: [[[$.head_regex], { lr: $.head_lr_factor * lr }]],

  // Batches of about `max_tokens` words, sentences of similar length together.
  data_loader(max_tokens):: {
    batch_sampler: { type: 'max_tokens_sampler', max_tokens: max_tokens, sorting_keys: ['tokens'] },
  },

  // NUM_EPOCHS (environment) overrides the protocol's epoch count, for quick runs.
  num_epochs(default):: if env('NUM_EPOCHS') == '' then default else std.parseInt(env('NUM_EPOCHS')),

  // The paper's protocol: Adam, gradient norm clipped at 1.0, learning rate halved when the
  // validation metric stops improving, early stopping after 3 epochs without improvement.
  trainer(num_epochs, validation_metric):: {
    optimizer: { type: 'adam', lr: 0.001 },
    grad_norm: 1.0,
    learning_rate_scheduler: { type: 'halve_on_plateau', factor: 0.5, patience: 0 },
    patience: 3,
    num_epochs: num_epochs,
    validation_metric: validation_metric,
    // `allennlp train --recover` after a kill ends exactly like an unbroken run.
    callbacks: [{ type: 'rng_checkpoint' }],
    cuda_device: std.parseInt(env('CUDA_DEVICE')),
  },

  random_seeds: {
    local seed = std.parseInt(env('SEED')),
    random_seed: seed,
    numpy_seed: seed + 1,
    pytorch_seed: seed + 2,
  },
}
