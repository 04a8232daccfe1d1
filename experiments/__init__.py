"""
The paper's experiments (Sachan et al. 2018), run from a checkout with the real `allennlp`
commands; not installed with the plugin. Each outcome is kept in `results/**` (JSON), from which
the reports and plots in `docs/` rebuild.

- `table3` (`python -m experiments.table3`): Table 3 and section 4.3 (protocol, learning curve);
  `table3_options` (its command line and run paths), `table3_report`, `protocol`, `curves`,
  `report`, `plots`, `learning_curve`, `error_kinds`, `records` (the result schema) are its
  parts;
- `head_start` (`python -m experiments.head_start`): the BiLM head start under controlled
  transfer conditions (`head_start_conditions`), reported by `head_start_report`
  (docs/head_start.md);
- `table2` (`python -m experiments.table2 CORPUS=ROOT ...`): no pretraining against BiLM beside
  the paper, with the issue's targets judged (`table2_targets`); `kept_roots` reads the
  `CORPUS=ROOT` arguments that it, `devel_vs_test`, `final_epochs`, `directions` and
  `convergence` take;
- `error_analysis`, `summarize_run`: tables from finished runs; `runner`: runs the commands.
"""
