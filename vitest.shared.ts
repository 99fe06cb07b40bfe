/**
 * Shared vitest settings: every workspace reports to the console and, when the test
 * script asks for it, to a JSON file so one closing line can add them all up.
 */
export function reporters(name: string): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.HAVEN_TEST_RESULTS;
  return dir ? ['default', ['json', { outputFile: `${dir}/${name}.json` }]] : ['default'];
}
