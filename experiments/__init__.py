"""
The paper's experiments (Sachan et al. 2018, Table 3 and section 4.3) as plain functions: the
model-selection protocol, precision-recall curves from entity confidence, and the report
(Markdown table and plots). `experiments/table3.py` runs them with the real `allennlp`
commands.
"""
