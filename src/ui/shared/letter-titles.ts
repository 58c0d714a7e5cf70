/** A letter's title as staff know it ("Notice to Improve"), never its id ("notice-to-improve"). */
import { TEMPLATES } from "../../letters/templates";

const TITLES = new Map(TEMPLATES.map((t) => [t.id, t.title]));

export function letterTitle(id: string): string {
  return TITLES.get(id) ?? id.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
}
