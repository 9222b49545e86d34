// The settings of every bundled model. `quick` fits in well under an hour on a shared 2-core
// machine; `full` is the intended run (CPU-hours); `smoke` checks the whole script in a minute or
// two (use it with --models-dir pointing at a scratch folder). All are real runs of the same code.

export type Preset = "smoke" | "quick" | "full";

export interface TinyArchitecture {
  hidden_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  intermediate_size: number;
  max_position_embeddings: number;
}

export interface Recipe {
  /** Vocabulary size of the WordPiece / byte-level BPE vocabularies trained on Brown. */
  vocab_size: number;
  bert: TinyArchitecture;
  mlm: { max_steps: number; batch_size: number; max_length: number; learning_rate: number; eval_sentences: number };
  spam: { epochs: number; max_train_rows: number | null; batch_size: number; max_length: number; learning_rate: number };
  /** First `weak` (rows, epochs, batch) over AFINN-labelled Brown sentences, then `epochs` over the human-labelled ones. */
  sentiment: { weak: { rows: number | null; epochs: number; batch_size: number }; epochs: number; max_train_rows: number | null; batch_size: number; max_length: number; learning_rate: number; afinn_margin: number };
  gpt2: { max_steps: number; batch_size: number; max_length: number; learning_rate: number; eval_sentences: number };
}

const architecture: TinyArchitecture = {
  hidden_size: 128,
  num_hidden_layers: 2,
  num_attention_heads: 2,
  intermediate_size: 512,
  max_position_embeddings: 128,
};

export const RECIPES: Record<Preset, Recipe> = {
  smoke: {
    vocab_size: 2000,
    bert: architecture,
    mlm: { max_steps: 4, batch_size: 8, max_length: 32, learning_rate: 1e-3, eval_sentences: 64 },
    spam: { epochs: 1, max_train_rows: 32, batch_size: 8, max_length: 64, learning_rate: 5e-4 },
    sentiment: { weak: { rows: 32, epochs: 1, batch_size: 8 }, epochs: 1, max_train_rows: 32, batch_size: 8, max_length: 32, learning_rate: 5e-4, afinn_margin: 2 },
    gpt2: { max_steps: 4, batch_size: 8, max_length: 32, learning_rate: 1e-3, eval_sentences: 64 },
  },
  quick: {
    vocab_size: 8000,
    bert: architecture,
    mlm: { max_steps: 1200, batch_size: 32, max_length: 64, learning_rate: 1.5e-3, eval_sentences: 500 },
    spam: { epochs: 2, max_train_rows: null, batch_size: 32, max_length: 128, learning_rate: 1e-3 },
    sentiment: { weak: { rows: 4000, epochs: 1, batch_size: 32 }, epochs: 3, max_train_rows: null, batch_size: 16, max_length: 64, learning_rate: 5e-4, afinn_margin: 2 },
    gpt2: { max_steps: 1000, batch_size: 16, max_length: 64, learning_rate: 2e-3, eval_sentences: 500 },
  },
  full: {
    vocab_size: 8000,
    bert: architecture,
    mlm: { max_steps: 40000, batch_size: 64, max_length: 128, learning_rate: 5e-4, eval_sentences: 2000 },
    spam: { epochs: 4, max_train_rows: null, batch_size: 32, max_length: 128, learning_rate: 1e-4 },
    sentiment: { weak: { rows: null, epochs: 2, batch_size: 32 }, epochs: 6, max_train_rows: null, batch_size: 16, max_length: 64, learning_rate: 1e-4, afinn_margin: 2 },
    gpt2: { max_steps: 40000, batch_size: 64, max_length: 128, learning_rate: 5e-4, eval_sentences: 2000 },
  },
};
