/**
 * Hints and the explanation travel "sealed" in a released practice copy: encoded with the
 * question's salt so that a student reading the question cell does not see them before the
 * feedback does. This keeps spoilers out of sight; it is not a secret (the key is beside it),
 * which is fine for practice. Graded copies carry no hints or explanation at all.
 */
import { QuizSpecError } from "./spec";

export interface Feedbacks {
  hints?: string[];
  explanation?: string;
}

/** XORs `bytes` in place with a keystream drawn from the salt (its own inverse). */
function xorWithSalt(bytes: Buffer, salt: string): Buffer {
  const key = Buffer.from(salt, "utf8");
  if (key.length === 0) return bytes;
  for (let i = 0; i < bytes.length; i++) bytes[i] ^= (key[i % key.length] + 31 * i) & 0xff;
  return bytes;
}

export function seal(feedback: Feedbacks, salt: string): string {
  return xorWithSalt(Buffer.from(JSON.stringify(feedback), "utf8"), salt).toString("base64");
}

export function unseal(sealed: string, salt: string): Feedbacks {
  const bytes = xorWithSalt(Buffer.from(sealed, "base64"), salt);
  try {
    const value = JSON.parse(bytes.toString("utf8")) as Feedbacks;
    if (value && typeof value === "object") return value;
  } catch {
    // falls through to the error below
  }
  throw new QuizSpecError(`The sealed hints of this question cannot be read: the question cell was edited. Restore it (tlab lab writes a fresh copy into a new folder).`);
}
