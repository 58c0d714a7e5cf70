/** The attendance rules engine: pure functions, data in and data out, no DOM and no Office. */
export * from "./codes";
export * from "./dates";
export * from "./sessions";
export * from "./dataset";
export * from "./grid";
export * from "./policy";
export * from "./calendar";
export * from "./measures";
export * from "./threshold";
export * from "./learning";
export * from "./stages";
export * from "./patterns";
export * from "./summary";
export * from "./analyse";
export * from "./output";
