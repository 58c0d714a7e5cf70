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
 * the pane can say it is still waiting.
 */
export function detectHost(onSlow?: () => void, slowMs = 3000): Promise<HostName> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = onSlow ? setTimeout(onSlow, slowMs) : undefined;
    void Office.onReady((info) => {
      if (timer !== undefined) clearTimeout(timer);
      const host = info?.host;
      resolve(host === Office.HostType.Excel ? "Excel" : host === Office.HostType.Word ? "Word" : null);
    });
  });
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
