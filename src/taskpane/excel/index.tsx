/**
 * The Excel pane's entry: in Excel, the live workbook; in a plain browser tab, the preview on a
 * tracker file (the bundled sample with ?sample=1). Both through the same TrackerStore interface.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, MessageBar, MessageBarBody, webLightTheme } from "@fluentui/react-components";
import { ExcelPane } from "../../ui/excel/ExcelPane";
import { copyText, inOfficeWithoutOfficeJs, OFFICE_JS_BLOCKED, showPlainSentence, startupCheckFailed, waitForOffice, isSetSupported, loadTrustPolicy } from "../shared/platform";
import { PreviewShell } from "./PreviewShell";

async function main() {
  // The start-up script found this browser too old and has said so; office.js blocked in Office: say so.
  if (startupCheckFailed()) return;
  if (inOfficeWithoutOfficeJs()) return showPlainSentence(OFFICE_JS_BLOCKED);
  const root = createRoot(document.getElementById("root")!);
  const render = (node: React.ReactNode) => root.render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
  const [host, trust] = await Promise.all([
    // Office can be slow to start: say so, and keep waiting (never fall back to the preview in Office).
    waitForOffice(),
    loadTrustPolicy(),
  ]);
  if (host === "Word") {
    // Old clients open the manifest's default page in every host.
    window.location.replace("word.html");
    return;
  }
  // The trust's policy.json could not be used as it is: say which settings, and work on the defaults.
  const policyBanner =
    trust.problems.length > 0 ? (
      <MessageBar intent="warning">
        <MessageBarBody>The trust's policy.json has problems, so the defaults are used for: {trust.problems.map((p) => p.message).join(" ")}</MessageBarBody>
      </MessageBar>
    ) : null;
  if (host === "Excel") {
    const { ExcelTrackerStore } = await import(/* webpackMode: "eager" */ "../../adapters/excel/excel-store");
    const store = new ExcelTrackerStore(undefined, undefined, isSetSupported);
    render(<ExcelPane store={store} trustPolicy={trust.policy} copyText={copyText} banner={policyBanner} />);
    return;
  }
  render(<PreviewShell trustPolicy={trust.policy} policyBanner={policyBanner} />);
}

void main();
