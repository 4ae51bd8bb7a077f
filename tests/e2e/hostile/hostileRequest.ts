/** One generated request: bytes to put on the wire, and what it is, so a failure can be read and replayed. */
export interface HostileRequest {
  /** The category it was generated for (`deepBomb`, `badBody`, …), to count and report per category. */
  category: string;
  /** A one-line description of what is hostile about it. */
  description: string;
  method: string;
  /** Request target: the path and query string, written as is (it may be malformed on purpose). */
  target: string;
  /** Header lines, written as is in latin1 (values may hold bytes a client library would refuse). */
  headers: [string, string][];
  body?: Buffer;
  /**
   * Unset: `content-length` is added from the body. `omit`: none is sent. A number: that length is declared
   * whatever the body holds (a body that never arrives in full).
   */
  contentLength?: 'omit' | number;
}

/** Case numbers and seeds are what make a failure reproducible, so every report names them. */
export interface NumberedRequest extends HostileRequest {
  /** Position in the generated sequence, from 0. */
  index: number;
  /** Which gateway it is sent to (`ours` or `plain`). */
  graph: string;
}
