/**
 * The only place the panes ask Office where they are running. UI components get the answer as
 * plain data. Without Office (office.js not loaded, or no host), the panes run as a browser preview.
 */
import { DEFAULT_POLICY, Policy, PolicyProblem, policyFromJson } from "../../engine/policy";

export type HostName = "Excel" | "Word" | null;

export interface Platform {
  host: HostName;
  /** Requirement sets checked at run time, with what is lost without each. */
  missing: string[];
}

/**
 * Where the pane is running: Office.onReady's answer, however long Office takes to start (a slow
 * start is common in real Office, so there is no time-out that would turn Excel or Word into the
 * browser preview). Outside Office, office.js itself answers with no host; if office.js did not
 * load at all, there is no Office. `onSlow` runs once if the answer takes more than `slowMs`, so
 * the pane can say it is still waiting; `onNoAnswer` once if there is still no answer after
 * `noAnswerMs` (office.js, or an address it needs, blocked: then Office.onReady never answers).
 */
export function detectHost(onSlow?: () => void, slowMs = 3000, onNoAnswer?: () => void, noAnswerMs = OFFICE_NO_ANSWER_MS): Promise<HostName> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = onSlow ? setTimeout(onSlow, slowMs) : undefined;
    const giveUp = onNoAnswer ? setTimeout(onNoAnswer, noAnswerMs) : undefined;
    void Office.onReady((info) => {
      if (timer !== undefined) clearTimeout(timer);
      if (giveUp !== undefined) clearTimeout(giveUp);
      const host = info?.host;
      resolve(host === Office.HostType.Excel ? "Excel" : host === Office.HostType.Word ? "Word" : null);
    });
  });
}

/** How long Office may take to answer before the pane says what may be wrong (it keeps waiting). */
export const OFFICE_NO_ANSWER_MS = 30_000;

export const OFFICE_WAITING = "Waiting for Office to finish starting…";
export const OFFICE_NO_ANSWER =
  "Office has not answered for 30 seconds. If this pane stays like this, something on the network is blocking Microsoft's Office add-in library (appsforoffice.microsoft.com) or an address it needs: please tell your IT team, and name this add-in. Closing the pane and opening it again may help. Nothing in your file has been changed.";
export const OFFICE_JS_BLOCKED =
  "Microsoft's Office add-in library (office.js, from appsforoffice.microsoft.com) could not be loaded, so this pane cannot work with your file. Please tell your IT team: the address must not be blocked by a web filter or firewall. Nothing in your file has been changed.";

/** Set by the ES5 start-up script (src/taskpane/startup.js) where this browser lacks what the bundles need: it has shown the sentence, so the pane draws nothing. */
export function startupCheckFailed(): boolean {
  return typeof window !== "undefined" && Array.isArray((window as { attendanceToolkitUnsupported?: unknown }).attendanceToolkitUnsupported);
}

/**
 * Office opens the pane with its host information in the address (`_host_Info`, on the web and in
 * Office for Windows and Mac) or in the window's name; office.js reads it from there. With that
 * present but no office.js, the library was blocked: the pane is in Office and must not pose as the
 * browser preview.
 */
export function inOfficeWithoutOfficeJs(): boolean {
  if (typeof Office !== "undefined") return false;
  const where = `${window.location.search} ${window.location.hash} ${window.name}`;
  return /_host_Info=/i.test(where);
}

/** A plain sentence in place of the pane (before React draws it), as text: nothing from outside is parsed as HTML. */
export function showPlainSentence(text: string): void {
  const root = document.getElementById("root");
  if (!root) return;
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.style.fontFamily = "'Segoe UI', sans-serif";
  p.style.padding = "12px";
  p.textContent = text;
  root.replaceChildren(p);
}

/** The host, saying meanwhile that the pane is waiting and, after a long wait, what may be wrong. */
export function waitForOffice(): Promise<HostName> {
  return detectHost(
    () => showPlainSentence(OFFICE_WAITING),
    3000,
    () => showPlainSentence(OFFICE_NO_ANSWER),
  );
}

export function isSetSupported(name: string, version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.requirements.isSetSupported(name, version);
  } catch {
    return false;
  }
}

/**
 * The trust's policy.json, served beside the add-in. A missing file means the defaults; a file that
 * cannot be used is reported and the defaults stand in.
 */
export async function loadTrustPolicy(): Promise<{ policy: Policy; problems: PolicyProblem[] }> {
  try {
    const response = await fetch("policy.json", { cache: "no-cache", credentials: "same-origin" });
    if (!response.ok) return { policy: DEFAULT_POLICY, problems: [] };
    return policyFromJson(await response.text());
  } catch {
    return { policy: DEFAULT_POLICY, problems: [] };
  }
}

/**
 * Put text on the clipboard; task panes in some hosts need the older copy command. Throws when the
 * text may not have been copied: the caller then shows it to copy by hand.
 */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Fall through to the selection-based copy.
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  // In a frame (Office on the web), the Clipboard API is blocked by the frame's permissions policy
  // and the older command may report success without copying (office-js#1991, #2513): say it could
  // not copy, so the pane offers the record to copy by hand or save as a file.
  if (!ok || window.self !== window.top) throw new Error("copy refused");
}

/** Save bytes as a file download (the browser preview's "Download tracker"). */
export function downloadBytes(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer as ArrayBuffer], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
