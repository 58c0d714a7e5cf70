/*
 * The first script on every pane page, written in ES5 on purpose (no let/const, arrow functions,
 * classes or template strings): it must parse in every browser Office may put a task pane in, old
 * ones included. Volume-licensed Office 2016 and 2019 show panes in Internet Explorer 11, retail
 * copies without WebView2 in the old Edge (EdgeHTML), and Office 2019 for Mac on an old macOS in an
 * old Safari. The panes' bundles are ES2021 and use ES2022 built-ins, so in those browsers they do not
 * even parse and the pane would say "Loading..." for ever. This script checks for what the bundles
 * need and, where something is missing, shows a plain sentence saying what to do instead, and marks
 * the page so that the bundles (where they do parse) stay out of the way.
 *
 * The checks are built-ins only: a syntax test would need eval or new Function, which the pages'
 * Content-Security-Policy forbids. Each built-in below arrived with or after the syntax the bundles
 * use (ES2021: ?., ??, ??=, class fields are lowered), so a browser that has them all parses the
 * bundles. The target and the browsers are in docs/deployment.md ("Which Office runs the add-in").
 */
(function () {
  "use strict";
  var w = window;

  function fn(owner, name) {
    return !!owner && typeof owner[name] === "function";
  }

  // [what the bundles use, present?]: the name is only for the page's marker, never shown to staff.
  var checks = [
    ["Promise", typeof w.Promise === "function"],
    ["Promise.allSettled", fn(w.Promise, "allSettled")],
    ["Promise.prototype.finally", !!w.Promise && fn(w.Promise.prototype, "finally")],
    ["globalThis", typeof w.globalThis === "object"],
    ["Map", typeof w.Map === "function"],
    ["WeakMap", typeof w.WeakMap === "function"],
    ["ResizeObserver", typeof w.ResizeObserver === "function"],
    ["Object.fromEntries", fn(Object, "fromEntries")],
    ["Object.hasOwn", fn(Object, "hasOwn")],
    ["Array.prototype.flatMap", fn(Array.prototype, "flatMap")],
    ["Array.prototype.at", fn(Array.prototype, "at")],
    ["String.prototype.matchAll", fn(String.prototype, "matchAll")],
    ["String.prototype.replaceAll", fn(String.prototype, "replaceAll")],
    ["String.prototype.padStart", fn(String.prototype, "padStart")],
    ["TextEncoder", typeof w.TextEncoder === "function"],
    ["TextDecoder", typeof w.TextDecoder === "function"],
    ["fetch", typeof w.fetch === "function"],
    ["Worker", typeof w.Worker === "function"],
    ["URL.createObjectURL", typeof w.URL === "function" && fn(w.URL, "createObjectURL")],
    ["Intl.DateTimeFormat", typeof w.Intl === "object" && fn(w.Intl, "DateTimeFormat")],
    ["Intl.NumberFormat", typeof w.Intl === "object" && fn(w.Intl, "NumberFormat")]
  ];
  var missing = [];
  for (var i = 0; i < checks.length; i++) if (!checks[i][1]) missing.push(checks[i][0]);
  if (missing.length === 0) return;

  // The bundles look for this marker before they draw anything (src/taskpane/shared/platform.ts).
  w.attendanceToolkitUnsupported = missing;
  try {
    document.documentElement.setAttribute("data-unsupported", missing.join(" "));
  } catch (e) {
    // Very old browsers: the sentence below is what matters.
  }

  function paragraph(text, bold) {
    var p = document.createElement("p");
    p.appendChild(document.createTextNode(text));
    p.style.margin = "0 0 12px 0";
    if (bold) p.style.fontWeight = "600";
    return p;
  }

  function show() {
    var root = document.getElementById("root");
    if (!root) return;
    while (root.firstChild) root.removeChild(root.firstChild);
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.style.fontFamily = "'Segoe UI', -apple-system, Helvetica, Arial, sans-serif";
    box.style.fontSize = "14px";
    box.style.lineHeight = "1.4";
    box.style.padding = "12px";
    box.style.maxWidth = "100%";
    box.style.wordWrap = "break-word";
    box.appendChild(paragraph("The Attendance Toolkit needs a newer Office.", true));
    box.appendChild(
      paragraph(
        "This copy of Office shows add-ins in an old web browser (Office 2016 and 2019 use Internet Explorer or the old Edge, and older Macs an old Safari), so the toolkit cannot run here. Nothing in your file has been changed."
      )
    );
    box.appendChild(paragraph("What to do:", true));
    box.appendChild(paragraph("1. Update Office to Microsoft 365 (in Office: File > Account > Update Options > Update Now), or ask your IT team to."));
    box.appendChild(paragraph("2. Or open the file in Excel or Word on the web (office.com, in Microsoft Edge, Chrome or Safari), where the toolkit works."));
    root.appendChild(box);
  }

  if (document.readyState === "loading" && document.addEventListener) document.addEventListener("DOMContentLoaded", show);
  else if (document.readyState === "loading" && w.attachEvent) w.attachEvent("onload", show);
  else show();
})();
