// The tagging page: sends the pasted text (POST /tag) or the uploaded file (POST /tag/file),
// highlights each entity by type with its confidence on hover, lists them, offers downloads.
"use strict";

const PALETTE = ["#ffd6a5", "#a0e7e5", "#caffbf", "#bdb2ff", "#ffadad", "#fdffb6", "#9bf6ff"];
const colours = {};
const colour = (label) =>
  (colours[label] ??= PALETTE[Object.keys(colours).length % PALETTE.length]);

const $ = (selector) => document.querySelector(selector);

async function loadModels() {
  const models = await (await fetch("/models")).json();
  for (const model of models) {
    const label = document.createElement("label");
    const box = Object.assign(document.createElement("input"),
      { type: "checkbox", name: "model", value: model.name, checked: true });
    const f1 = model.card?.test?.["f1-measure-overall"];
    label.append(box, ` ${model.name} (${model.labels.join(", ")}` +
      (f1 ? `; test F1 ${(100 * f1).toFixed(1)}` : "") + ")");
    $("#models").append(label);
  }
}

function chosenModels() {
  return [...document.querySelectorAll("input[name=model]:checked")].map((box) => box.value);
}

// The request for the current input, with `?format=` for a download.
function request(format) {
  const models = chosenModels();
  const file = $("#file").files[0];
  const query = format ? `?format=${format}` : "";
  if (file) {
    const body = new FormData();
    body.append("file", file);
    body.append("models", models.join(","));
    return fetch(`/tag/file${query}`, { method: "POST", body });
  }
  return fetch(`/tag${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: $("#text").value, models }),
  });
}

function highlighted(document_) {
  const box = document.createElement("div");
  box.className = "document";
  box.dataset.id = document_.id;
  const title = document.createElement("h3");
  title.textContent = `Document ${document_.id}`;
  box.append(title);
  let position = 0;
  for (const entity of document_.entities) {
    if (entity.start < position) continue; // an overlapping entity (overlaps=all): table only
    box.append(document_.text.slice(position, entity.start));
    const mark = document.createElement("mark");
    mark.className = "entity";
    mark.textContent = document_.text.slice(entity.start, entity.end);
    mark.style.setProperty("--colour", colour(entity.label));
    Object.assign(mark.dataset, {
      label: entity.label, start: entity.start, end: entity.end,
      score: entity.score, model: entity.model,
    });
    mark.title = `${entity.label}: confidence ${entity.score.toFixed(3)} (${entity.model})`;
    box.append(mark);
    position = entity.end;
  }
  box.append(document_.text.slice(position));
  return box;
}

function show(result) {
  $("#documents").replaceChildren(...result.documents.map(highlighted));
  const rows = result.documents.flatMap((d) => d.entities.map((e) => {
    const row = document.createElement("tr");
    for (const cell of [d.id, e.start, e.end, e.text, e.label, e.score.toFixed(3), e.model]) {
      row.append(Object.assign(document.createElement("td"), { textContent: cell }));
    }
    return row;
  }));
  $("#entities tbody").replaceChildren(...rows);
  $("#legend").replaceChildren(...Object.keys(colours).map((label) => {
    const swatch = Object.assign(document.createElement("span"),
      { className: "swatch", textContent: label });
    swatch.style.setProperty("--colour", colour(label));
    return swatch;
  }));
  $("#result").hidden = false;
}

function say(message, isError = false) {
  $("#status").textContent = message;
  $("#status").classList.toggle("error", isError);
}

async function answer(response) {
  if (response.ok) return response;
  const body = await response.json().catch(() => ({}));
  throw new Error(body.error || `HTTP ${response.status}`);
}

$("#tag-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  say("Tagging…");
  try {
    const started = performance.now();
    const result = await (await answer(await request())).json();
    show(result);
    const count = result.documents.reduce((n, d) => n + d.entities.length, 0);
    say(`${count} entities in ${result.documents.length} document(s), ` +
      `${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    say(error.message, true);
  }
});

for (const button of document.querySelectorAll("#downloads button")) {
  button.addEventListener("click", async () => {
    try {
      const blob = await (await answer(await request(button.dataset.format))).blob();
      const link = Object.assign(document.createElement("a"), {
        href: URL.createObjectURL(blob),
        download: `entities.${button.dataset.format === "pubtator" ? "pubtator" :
          button.dataset.format === "bioc-xml" ? "xml" : "json"}`,
      });
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      say(error.message, true);
    }
  });
}

loadModels().catch((error) => say(`cannot list the models: ${error.message}`, true));
