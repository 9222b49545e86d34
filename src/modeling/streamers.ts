// Showing generated text while it is produced, as transformers' TextStreamer: generate() gives the
// streamer the prompt, then every new token; whole words are shown as soon as they are complete.
// In a notebook the text grows in one output, updated in place; elsewhere it is written to stdout.
import { Tensor } from "../tensor";
import { display, newDisplayId, update_display } from "../display/display";
import { kernelBridge } from "../display/kernel-bridge";
import { escapeHtml } from "../display/mimebundle";
import type { GenerationStreamer } from "./generation";
import { GenerationOptionError } from "./generation_options";

/** What a streamer needs from a tokenizer. */
export interface StreamingTokenizer {
  decode(ids: number[], options?: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean }): string;
}

export interface TextStreamerOptions {
  /** Leave the prompt out of the shown text (default false). */
  skip_prompt?: boolean;
  /** Passed to tokenizer.decode, e.g. skip_special_tokens. */
  skip_special_tokens?: boolean;
  clean_up_tokenization_spaces?: boolean;
}

/** CJK ideographs are words on their own, so they are shown at once (transformers' _is_chinese_char). */
function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x20000 && code <= 0x2a6df) || (code >= 0x2a700 && code <= 0x2b73f) ||
    (code >= 0x2b740 && code <= 0x2b81f) || (code >= 0x2b820 && code <= 0x2ceaf) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0x2f800 && code <= 0x2fa1f)
  );
}

/**
 * `await model.generate(ids, { streamer: new TextStreamer(tokenizer) })` shows the text as the
 * tokens arrive. Tokens are decoded together until a word ends (a space, a newline or a CJK
 * character), so multi-token words and characters come out whole.
 */
export class TextStreamer implements GenerationStreamer {
  readonly tokenizer: StreamingTokenizer;
  readonly skip_prompt: boolean;
  /** Everything shown so far (since the streamer was made). */
  text = "";
  private readonly decodeOptions: { skip_special_tokens?: boolean; clean_up_tokenization_spaces?: boolean };
  private tokenCache: number[] = [];
  private printLength = 0;
  private nextTokensArePrompt = true;
  private displayId: string | undefined;

  constructor(tokenizer: StreamingTokenizer, options: TextStreamerOptions = {}) {
    if (!tokenizer || typeof tokenizer.decode !== "function") throw new GenerationOptionError("TextStreamer needs the model's tokenizer: new TextStreamer(tokenizer).", "streamer");
    this.tokenizer = tokenizer;
    this.skip_prompt = options.skip_prompt ?? false;
    const { skip_prompt: _, ...decodeOptions } = options;
    this.decodeOptions = decodeOptions;
  }

  /** Takes the prompt's ids (first call) or the newest token ids ([1, n] or [n]). */
  put(value: Tensor): void {
    if (value.shape.length > 1 && value.shape[0] > 1) throw new GenerationOptionError("TextStreamer only supports batch size 1.", "streamer");
    if (this.skip_prompt && this.nextTokensArePrompt) {
      this.nextTokensArePrompt = false;
      return;
    }
    this.nextTokensArePrompt = false;
    this.tokenCache.push(...Array.from(value.data as BigInt64Array, Number));
    const text = this.tokenizer.decode(this.tokenCache, this.decodeOptions);
    let printable: string;
    if (text.endsWith("\n")) {
      printable = text.slice(this.printLength);
      this.tokenCache = [];
      this.printLength = 0;
    } else if (text.length > 0 && isCjk(text.codePointAt(text.length - 1)!)) {
      printable = text.slice(this.printLength);
      this.printLength += printable.length;
    } else {
      printable = text.slice(this.printLength, text.lastIndexOf(" ") + 1);
      this.printLength += printable.length;
    }
    this.on_finalized_text(printable);
  }

  /** Shows what is left and ends the stream (the next put() starts a new prompt). */
  end(): void {
    let printable = "";
    if (this.tokenCache.length > 0) printable = this.tokenizer.decode(this.tokenCache, this.decodeOptions).slice(this.printLength);
    this.tokenCache = [];
    this.printLength = 0;
    this.nextTokensArePrompt = true;
    this.on_finalized_text(printable, true);
  }

  /** Shows newly finished text: one output updated in place in a notebook, stdout elsewhere. Override to send it somewhere else. */
  on_finalized_text(text: string, stream_end = false): void {
    this.text += text;
    if (kernelBridge()) {
      if (text === "" && !stream_end) return;
      if (this.displayId === undefined) {
        this.displayId = newDisplayId();
        display(this, { display_id: this.displayId });
      } else {
        update_display(this, { display_id: this.displayId });
      }
    } else {
      process.stdout.write(stream_end ? text + "\n" : text);
    }
  }

  _repr_mimebundle_(): Record<string, unknown> {
    return { "text/plain": this.text, "text/html": `<pre style="white-space:pre-wrap;margin:0">${escapeHtml(this.text)}</pre>` };
  }
}
