/**
 * How a question shows itself: plain text for terminals and headless runs, HTML with clickable
 * choices for notebook front-ends that run scripts in outputs. A click writes the answer into the
 * question's answer cell and runs it (classic Notebook, or JupyterLab when it exposes its app);
 * otherwise it copies the line to paste. The answer cell always works on its own.
 */
import { escapeHtml } from "../display/mimebundle";
import { QuizMessages, messagesFor } from "./messages";
import { Question } from "./spec";

function answerHint(q: Question): string {
  return `quiz.answer(${JSON.stringify(q.id)}, ${messagesFor(q.spec.lang).answerPlaceholder[q.type]})`;
}

/** The title a question shows: its prompt, else its id. */
function title(q: Question): string {
  const m = messagesFor(q.spec.lang);
  return `${q.spec.question ?? m.question(q.id)}${q.spec.graded ? ` ${m.graded}` : ""}`;
}

/** A prompt's inline markdown as HTML: `code` and **bold**, everything else escaped. */
function inlineMarkdown(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>");
}

export function questionText(q: Question): string {
  const lines = [title(q)];
  (q.spec.choices ?? []).forEach((c, i) => lines.push(`  ${i + 1}. ${c}`));
  lines.push(`${messagesFor(q.spec.lang).answerBelow} ${answerHint(q)}`);
  return lines.join("\n");
}

/** The script behind the buttons: one function per output, kept small and defensive. */
function clickScript(domId: string, questionId: string, m: QuizMessages): string {
  return `
(function () {
  var root = document.getElementById(${JSON.stringify(domId)});
  if (!root) return;
  var id = ${JSON.stringify(questionId)};
  var note = root.querySelector(".tlab-quiz-note");
  var pattern = new RegExp("quiz\\\\.answer\\\\(\\\\s*[\\"']" + id.replace(/[-]/g, "\\\\-") + "[\\"']");
  function send(code) {
    try {
      if (window.Jupyter && window.Jupyter.notebook) {
        var nb = window.Jupyter.notebook, cells = nb.get_cells();
        for (var i = 0; i < cells.length; i++) {
          if (cells[i].cell_type === "code" && pattern.test(cells[i].get_text())) {
            cells[i].set_text(code); cells[i].execute(); note.textContent = ${JSON.stringify(m.answerSent)} + code; return;
          }
        }
        nb.kernel.execute(code); note.textContent = ${JSON.stringify(m.answerSent)} + code; return;
      }
      var app = window.jupyterapp || window.jupyterlab;
      var panel = app && app.shell && app.shell.currentWidget;
      var notebook = panel && panel.content;
      if (notebook && notebook.widgets) {
        for (var j = 0; j < notebook.widgets.length; j++) {
          var model = notebook.widgets[j].model;
          var text = model.sharedModel ? model.sharedModel.getSource() : model.value.text;
          if (model.type === "code" && pattern.test(text)) {
            if (model.sharedModel) model.sharedModel.setSource(code); else model.value.text = code;
            notebook.activeCellIndex = j; app.commands.execute("notebook:run-cell");
            note.textContent = ${JSON.stringify(m.answerSent)} + code; return;
          }
        }
      }
    } catch (e) { /* fall through to copying */ }
    if (navigator.clipboard) navigator.clipboard.writeText(code);
    note.textContent = ${JSON.stringify(m.copied("{code}"))}.replace("{code}", code);
  }
  root.querySelectorAll("button[data-choice]").forEach(function (b) {
    b.addEventListener("click", function () { send("quiz.answer(" + JSON.stringify(id) + ", " + b.getAttribute("data-choice") + ")"); });
  });
  var submit = root.querySelector("button[data-submit]");
  if (submit) submit.addEventListener("click", function () {
    var picked = [];
    root.querySelectorAll("input[type=checkbox]:checked").forEach(function (c) { picked.push(Number(c.value)); });
    send("quiz.answer(" + JSON.stringify(id) + ", [" + picked.join(", ") + "])");
  });
})();`;
}

/**
 * The classic Notebook ignores `metadata.jupyter.source_hidden` (JupyterLab honours it), so the
 * question hides its own cell's source there: the student sees the question, not its spec.
 */
function hideSourceScript(domId: string): string {
  return `
(function () {
  var root = document.getElementById(${JSON.stringify(domId)});
  if (!root || !(window.Jupyter && window.Jupyter.notebook) || !root.closest) return;
  var cell = root.closest(".cell");
  var input = cell && cell.querySelector(".input");
  if (input) input.style.display = "none";
})();`;
}

let renderCount = 0;

export function questionHtml(q: Question): string {
  const m = messagesFor(q.spec.lang);
  const domId = `tlab-quiz-${q.id}-${Date.now().toString(36)}-${renderCount++}`;
  const parts = [`<div id="${domId}" class="tlab-quiz" style="border:1px solid #ccc;border-radius:6px;padding:8px 12px;margin:4px 0">`];
  parts.push(`<div style="font-weight:600">${inlineMarkdown(title(q))}</div>`);
  const choices = q.spec.choices ?? [];
  if (q.type === "choice") {
    choices.forEach((c, i) => parts.push(
      `<div><button data-choice="${i + 1}" style="margin:2px 0;text-align:left">${i + 1}. ${escapeHtml(String(c))}</button></div>`));
  } else if (q.type === "multiple") {
    choices.forEach((c, i) => parts.push(
      `<div><label><input type="checkbox" value="${i + 1}"> ${i + 1}. ${escapeHtml(String(c))}</label></div>`));
    parts.push(`<button data-submit="1" style="margin-top:4px">${escapeHtml(m.submit)}</button>`);
  }
  parts.push(`<div style="color:#555;font-size:90%;margin-top:4px">${escapeHtml(m.answerBelow)} <code>${escapeHtml(answerHint(q))}</code></div>`);
  parts.push(`<div class="tlab-quiz-note" style="color:#555;font-size:90%"></div></div>`);
  parts.push(`<script>${hideSourceScript(domId)}</script>`);
  if (q.type === "choice" || q.type === "multiple") parts.push(`<script>${clickScript(domId, q.id, m)}</script>`);
  return parts.join("\n");
}
