/**
 * A model server that keeps talking, for the provider's limit tests: a real HTTP server on
 * 127.0.0.1 that answers `status` (200) with `head`, then `piece` again and again (respecting
 * backpressure, every `paceMs` when given) until the client closes or `cap` bytes, then `tail` and the end. Without `piece` the response
 * ends after `head` if `end`, and otherwise stays open and silent. The caller closes `server`.
 */
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';

export interface TalkOptions {
  readonly head: string;
  readonly piece?: string;
  readonly tail?: string;
  readonly contentType?: string;
  readonly end?: boolean;
  readonly status?: number;
  /** Pause between pieces (ms): a body that trickles. */
  readonly paceMs?: number;
  /** What the server writes at most, so that a client without limits ends instead of running on. */
  readonly cap: number;
}

export interface TalkingServer {
  readonly server: Server;
  readonly port: number;
  /** Bytes the server handed to the socket. */
  readonly written: () => number;
  /** Settles when the server sees the client's connection close. */
  readonly closed: Promise<void>;
}

export async function talkingServer({ head, piece, tail = '', contentType = 'text/event-stream', end = false, status = 200, paceMs = 0, cap }: TalkOptions): Promise<TalkingServer> {
  let written = 0;
  let onClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const server = createServer((req, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': contentType });
      let gone = false;
      res.on('close', () => {
        gone = true;
        onClosed();
      });
      written += Buffer.byteLength(head);
      res.write(head);
      if (piece === undefined) {
        if (end) res.end();
        return;
      }
      const pump = (): void => {
        while (!gone) {
          if (written >= cap) {
            res.end(tail);
            return;
          }
          written += Buffer.byteLength(piece);
          if (!res.write(piece)) {
            res.once('drain', pump);
            return;
          }
          if (paceMs > 0) {
            setTimeout(pump, paceMs);
            return;
          }
        }
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, port, written: () => written, closed };
}
