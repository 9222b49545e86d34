/** How a thread count reads in a benchmark line: "1 thread", "2 threads". */
export function threadsLabel(n: number): string {
  return `${n} thread${n > 1 ? "s" : ""}`;
}
