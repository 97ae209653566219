// The parts of CodeMirror 6 the scenario editor uses, exposed as the global `CodeMirror`
// (static/vendor/codemirror.js); static/js/authoring-editor.js puts them together.
export { EditorState } from "@codemirror/state";
export {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars,
} from "@codemirror/view";
export { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
export {
  syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching, foldGutter,
  foldKeymap, indentUnit,
} from "@codemirror/language";
export { yaml } from "@codemirror/lang-yaml";
export { linter, lintGutter, lintKeymap, forceLinting } from "@codemirror/lint";
export { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
