/**
 * The Excel pane's entry: in Excel, the live workbook; in a plain browser tab, the preview on a
 * tracker file (the bundled sample with ?sample=1). Both through the same TrackerStore interface.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ExcelPane } from "../../ui/excel/ExcelPane";
import { copyText, detectHost, isSetSupported, loadTrustPolicy } from "../shared/platform";
import { PreviewShell } from "./PreviewShell";

async function main() {
  const root = createRoot(document.getElementById("root")!);
  const render = (node: React.ReactNode) => root.render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
  const [host, trust] = await Promise.all([detectHost(), loadTrustPolicy()]);
  if (host === "Word") {
    // Old clients open the manifest's default page in every host.
    window.location.replace("word.html");
    return;
  }
  if (host === "Excel") {
    const { ExcelTrackerStore } = await import(/* webpackMode: "eager" */ "../../adapters/excel/excel-store");
    const store = new ExcelTrackerStore(undefined, undefined, isSetSupported);
    render(<ExcelPane store={store} trustPolicy={trust.policy} copyText={copyText} />);
    return;
  }
  render(<PreviewShell trustPolicy={trust.policy} />);
}

void main();
