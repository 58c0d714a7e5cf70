/** Placeholder replaced below. */
import { Io } from "./main";
export async function reportCommand(_args: string[], _io: Io): Promise<number> {
  return 2;
}
