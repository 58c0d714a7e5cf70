/** The Word pane's entry (the Letters pane). */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Text, Title3, webLightTheme } from "@fluentui/react-components";
import { detectHost, isSetSupported } from "../shared/platform";

async function main() {
  const root = createRoot(document.getElementById("root")!);
  const host = await detectHost();
  const note =
    host === "Word"
      ? isSetSupported("WordApi", "1.5")
        ? "Letters are inserted with the letterhead's headers and footers."
        : "This version of Word inserts letters into the body only (headers and footers need WordApi 1.5)."
      : "Running outside Office (browser preview).";
  root.render(
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 12 }}>
        <Title3 as="h1">Letters</Title3>
        <Text as="p">{note}</Text>
      </main>
    </FluentProvider>,
  );
}

void main();
