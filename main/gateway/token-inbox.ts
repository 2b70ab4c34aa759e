/**
 * Model text on its way to the output stream, handed over once per event-loop turn rather than
 * inside the provider's token callback. The callback runs on the generation loop's path: the next
 * token is not asked for until it returns. Handed over in a setImmediate, the stream's per-word
 * work (credential pre-filter, PII restore, the caller's onText) runs while the model evaluates the
 * next token on its own thread. flush() hands over what is left, in order, when generation ends.
 */
export class TokenInbox {
  readonly #deliver: (text: string) => void;
  #text = '';
  #scheduled: NodeJS.Immediate | undefined;

  constructor(deliver: (text: string) => void) {
    this.#deliver = deliver;
  }

  push(text: string): void {
    this.#text += text;
    this.#scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const text = this.#text;
    this.#text = '';
    if (text !== '') this.#deliver(text);
  }
}
