/** What every CLI subcommand gets: output streams and a way to set the exit code. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface CliContext {
  io: Io;
  setExitCode: (code: number) => void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;
