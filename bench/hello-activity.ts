// The activity of Temporal's hello-world sample (bench/hello-workflow.ts helloActivity).
export async function greet(name: string): Promise<string> {
  return `Hello, ${name}!`;
}
