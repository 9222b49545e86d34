/**
 * `await input("Your name: ")` and `await getpass("Token: ")`: a line typed by the student.
 * In a notebook the kernel asks the front end (an `input_request` on the stdin channel: a text
 * box under the cell, hidden characters for getpass); as a plain Node program, the terminal.
 */
import * as readline from "node:readline";
import { kernelBridge } from "./kernel-bridge";

function readLineFromTerminal(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  return new Promise<string>((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

/** Asks for one line of text; resolves with it (without the newline). */
export function input(prompt = ""): Promise<string> {
  const bridge = kernelBridge();
  return bridge?.requestInput ? bridge.requestInput(String(prompt), false) : readLineFromTerminal(String(prompt));
}

/** Like input(), but what is typed is not shown (passwords, access tokens). */
export function getpass(prompt = "Password: "): Promise<string> {
  const bridge = kernelBridge();
  return bridge?.requestInput ? bridge.requestInput(String(prompt), true) : readLineFromTerminal(String(prompt));
}
