// Keyboard review: j/k move, a approve, r reject, u undo, e edit (Enter or Ctrl+Enter saves, Esc cancels).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const mark of document.querySelectorAll(".mark[data-box]")) {
    const [left, top, width, height] = mark.dataset.box.split(",");
    Object.assign(mark.style, {left: left + "%", top: top + "%", width: width + "%", height: height + "%"});
  }
  const record = document.getElementById("record");
  const editForm = document.getElementById("edit-form");
  const openEdit = () => {
    if (!editForm) return;
    editForm.classList.add("open");
    editForm.querySelector("input[name=value]").focus({preventScroll: true});
  };
  const editButton = document.getElementById("edit-button");
  if (editButton) editButton.addEventListener("click", openEdit);
  if (editForm && editForm.classList.contains("open")) editForm.querySelector("input[name=value]").focus({preventScroll: true});
  const marks = document.querySelector(".mark");
  if (marks) marks.scrollIntoView({block: "center"});
  const selected = document.querySelector("#queue li.selected");
  if (selected) selected.scrollIntoView({block: "nearest"});

  const search = document.querySelector("input[data-search]");
  const options = document.getElementById("catalogue-options");
  if (search && options) {
    search.addEventListener("input", async () => {
      const response = await fetch(search.dataset.search + "?q=" + encodeURIComponent(search.value));
      if (!response.ok) return;
      options.replaceChildren(...(await response.json()).map((entry) => {
        const option = document.createElement("option");
        option.value = entry.id;
        option.textContent = entry.name;  // text, never markup
        return option;
      }));
    });
  }

  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select");
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && editForm && editForm.contains(event.target)) {
      event.preventDefault();  // Ctrl+Enter saves from a text area too, where Enter starts a new line
      editForm.requestSubmit();
      return;
    }
    if (event.key === "Escape") {
      if (editForm) editForm.classList.remove("open");
      if (typing) typing.blur();
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey || !record) return;
    const go = (name) => { if (record.dataset[name]) window.location.assign(record.dataset[name]); };
    const submit = (id) => { const form = document.getElementById(id); if (form) form.requestSubmit(); };
    const actions = {j: () => go("next"), k: () => go("prev"), a: () => submit("approve-form"),
                     r: () => submit("reject-form"), u: () => submit("reset-form"), e: openEdit};
    if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  });
});
