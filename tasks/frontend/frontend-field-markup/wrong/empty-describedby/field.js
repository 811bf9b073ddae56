"use strict";

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const TEXT_TYPES = new Set(["text", "email", "password", "number"]);
const TYPES = new Set([...TEXT_TYPES, "textarea", "select", "radio", "checkbox"]);

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

function has(value) {
  return value !== null && value !== undefined;
}

function present(text) {
  return typeof text === "string" && text !== "";
}

// Renders attributes from [name, value] pairs: true → boolean attribute,
// null/undefined/false → omitted, anything else → name="escaped value".
function attrs(pairs) {
  return pairs
    .filter(([, value]) => has(value) && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join("");
}

function renderField(field) {
  if (!field || !TYPES.has(field.type)) {
    throw new TypeError(`unknown field type ${JSON.stringify(field && field.type)}`);
  }
  const { type, name, label, value, hint, error, required, placeholder, options } = field;
  if (typeof name !== "string" || name === "") throw new TypeError("name must be a non-empty string");
  if ((type === "select" || type === "radio") && (!Array.isArray(options) || options.length === 0)) {
    throw new TypeError(`${type} fields need a non-empty options array`);
  }

  const id = has(field.id) ? String(field.id) : `field-${name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hintHtml = present(hint) ? `<p class="hint" id="${escapeHtml(hintId)}">${escapeHtml(hint)}</p>` : "";
  const errorHtml = present(error) ? `<p class="error" id="${escapeHtml(errorId)}">${escapeHtml(error)}</p>` : "";
  const describedBy = [present(hint) ? hintId : null, present(error) ? errorId : null].filter(Boolean).join(" ");
  const state = [
    ["required", required === true],
    ["aria-invalid", present(error) ? "true" : null],
  ];
  const labelHtml = `<label for="${escapeHtml(id)}">${escapeHtml(label)}</label>`;
  const selectedValue = has(value) ? String(value) : null;

  if (type === "radio") {
    const radios = options.map((option, index) => {
      const optionId = `${id}-${index}`;
      const input = `<input${attrs([
        ["type", "radio"], ["id", optionId], ["name", name], ["value", option.value],
        ["checked", String(option.value) === selectedValue], ...state,
      ])}>`;
      return `<div class="option">${input}<label for="${escapeHtml(optionId)}">${escapeHtml(option.label)}</label></div>`;
    }).join("");
    return `<fieldset${attrs([["class", "field"], ["aria-describedby", describedBy]])}>` +
      `<legend>${escapeHtml(label)}</legend>${hintHtml}${radios}${errorHtml}</fieldset>`;
  }

  const ids = [["id", id], ["name", name]];
  const aria = [...state, ["aria-describedby", describedBy]];

  if (type === "checkbox") {
    const input = `<input${attrs([
      ["type", "checkbox"], ...ids, ["value", value], ["checked", field.checked === true], ...aria,
    ])}>`;
    return `<div class="field">${input}${labelHtml}${hintHtml}${errorHtml}</div>`;
  }

  let control;
  if (TEXT_TYPES.has(type)) {
    control = `<input${attrs([["type", type], ...ids, ["value", value], ["placeholder", placeholder], ...aria])}>`;
  } else if (type === "textarea") {
    const text = has(value) ? escapeHtml(value) : "";
    control = `<textarea${attrs([...ids, ["placeholder", placeholder], ...aria])}>${text}</textarea>`;
  } else {
    const placeholderOption = has(placeholder) ? `<option value="">${escapeHtml(placeholder)}</option>` : "";
    const optionHtml = options.map((option) =>
      `<option${attrs([["value", option.value], ["selected", String(option.value) === selectedValue]])}>` +
      `${escapeHtml(option.label)}</option>`).join("");
    control = `<select${attrs([...ids, ...aria])}>${placeholderOption}${optionHtml}</select>`;
  }
  return `<div class="field">${labelHtml}${hintHtml}${control}${errorHtml}</div>`;
}

module.exports = { renderField };
