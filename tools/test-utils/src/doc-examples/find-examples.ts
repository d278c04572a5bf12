/**
 * Finds the `@example` blocks of TSDoc comments in one source file. An example's code is the text
 * after its tag up to the next tag or the end of the comment, with the comment margin (` * `)
 * removed; when it holds a fenced block (three backticks), only the fenced code counts, and any
 * text on the tag's own line is a title. What cannot be read as code (an empty example, an
 * unclosed fence, the tag in the middle of a line outside backticks) is returned with a `problem`, so that a test
 * fails on it instead of passing over it.
 */

/** One `@example` block. */
export interface DocExample {
  /** The source file, relative to the package folder, with forward slashes. */
  readonly file: string;
  /** The 1-based line of the `@example` tag. */
  readonly line: number;
  /** The code, one line per source line. Empty when there is a `problem`. */
  readonly code: string;
  /** The 1-based source line of the code's first line. */
  readonly codeLine: number;
  /** Why the block could not be read as code, when it could not. */
  readonly problem?: string;
}

const COMMENT = /\/\*\*[\s\S]*?\*\//g;
const TAG = /^@[A-Za-z]+/;
const FENCE = /^\s*```/;

/** The comment's lines without the `/**`, `*\/` and ` * ` margin. */
function commentLines(comment: string): string[] {
  return comment
    .slice(3, -2)
    .split('\n')
    .map((l, i) => (i === 0 ? l.replace(/^ ?/, '') : l.replace(/^\s*\* ?/, '').replace(/^\s*$/, '')));
}

/** The code of one example's body (its lines after the tag line), or why there is none. */
function codeOf(body: readonly string[], title: string): { start: number; lines: string[] } | { problem: string } {
  const fences = body.flatMap((l, i) => (FENCE.test(l) ? [i] : []));
  if (fences.length === 0) {
    if (title !== '') return { problem: `text on the @example line ("${title}") with no fenced code after it: put code on the following lines` };
    return { start: 0, lines: [...body] };
  }
  if (fences.length !== 2) return { problem: `${fences.length} code fences (\`\`\`): expected one fenced block` };
  const [open, close] = fences as [number, number];
  return { start: open + 1, lines: body.slice(open + 1, close) };
}

/** Every `@example` block of `source` (the text of `file`). */
export function findExamples(file: string, source: string): DocExample[] {
  const found: DocExample[] = [];
  for (const match of source.matchAll(COMMENT)) {
    const firstLine = source.slice(0, match.index).split('\n').length;
    const lines = commentLines(match[0]);
    const tags = lines.flatMap((l, i) => (TAG.test(l) ? [i] : []));
    lines.forEach((l, i) => {
      if (!/(^|[^`])@example\b/.test(l)) return; // a mention in backticks is prose
      const at = { file, line: firstLine + i, code: '', codeLine: firstLine + i };
      if (!l.startsWith('@example')) {
        found.push({ ...at, problem: '@example is not at the start of a comment line: it cannot be read as a tag' });
        return;
      }
      const end = tags.find((t) => t > i) ?? lines.length;
      const code = codeOf(lines.slice(i + 1, end), l.slice('@example'.length).trim());
      if ('problem' in code) {
        found.push({ ...at, problem: code.problem });
        return;
      }
      const text = code.lines.join('\n').trim();
      if (text === '') found.push({ ...at, problem: 'the example is empty' });
      else found.push({ ...at, code: code.lines.join('\n').trimEnd(), codeLine: at.line + 1 + code.start });
    });
  }
  return found;
}
