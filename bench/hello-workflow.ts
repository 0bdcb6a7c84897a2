// The smallest workflow, as a yardstick for the dev server's own throughput.
export async function hello(name: string): Promise<string> {
  return `hello ${name}`;
}
