// The ribbon's function file: the buttons only open task panes, so it just tells Office it is ready.
if (typeof Office !== "undefined") void Office.onReady();
export {};
