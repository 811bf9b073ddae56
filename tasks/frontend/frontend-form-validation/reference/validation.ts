export type Rule =
  | { type: "required"; message?: string }
  | { type: "minLength"; value: number; message?: string }
  | { type: "maxLength"; value: number; message?: string }
  | { type: "pattern"; value: RegExp; message?: string }
  | { type: "email"; message?: string }
  | { type: "min"; value: number; message?: string }
  | { type: "max"; value: number; message?: string }
  | { type: "matches"; field: string; message?: string }
  | {
      type: "custom";
      test: (value: unknown, values: Record<string, unknown>) => boolean | string;
      message?: string;
    };

export type Schema = Record<string, Rule[]>;
export type Errors = Record<string, string>;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const DEFAULTS = {
  required: "This field is required.",
  minLength: "Must be at least {value} characters.",
  maxLength: "Must be at most {value} characters.",
  pattern: "Invalid format.",
  email: "Enter a valid email address.",
  min: "Must be at least {value}.",
  max: "Must be at most {value}.",
  matches: "Must match {field}.",
  custom: "Invalid value.",
  notANumber: "Must be a number.",
};

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : String(value).length;
}

function toNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(String(value).trim());
}

function format(template: string, rule: Rule): string {
  let text = template;
  if ("value" in rule) text = text.split("{value}").join(String(rule.value));
  if ("field" in rule) text = text.split("{field}").join(rule.field);
  return text;
}

function matchesPattern(regex: RegExp, text: string): boolean {
  // A fresh copy keeps the caller's lastIndex untouched for g/y regexes.
  const copy = new RegExp(regex.source, regex.flags);
  copy.lastIndex = 0;
  return copy.test(text);
}

/** Returns the message of a failing rule, or null when the rule passes. */
function checkRule(rule: Rule, value: unknown, values: Record<string, unknown>): string | null {
  const fail = (fallback: string) => format(rule.message ?? fallback, rule);
  switch (rule.type) {
    case "required":
      return isEmpty(value) ? fail(DEFAULTS.required) : null;
    case "minLength":
      return lengthOf(value) < rule.value ? fail(DEFAULTS.minLength) : null;
    case "maxLength":
      return lengthOf(value) > rule.value ? fail(DEFAULTS.maxLength) : null;
    case "pattern":
      return matchesPattern(rule.value, String(value)) ? null : fail(DEFAULTS.pattern);
    case "email":
      return EMAIL_RE.test(String(value).trim()) ? null : fail(DEFAULTS.email);
    case "min": {
      const n = toNumber(value);
      if (Number.isNaN(n)) return fail(DEFAULTS.notANumber);
      return n < rule.value ? fail(DEFAULTS.min) : null;
    }
    case "max": {
      const n = toNumber(value);
      if (Number.isNaN(n)) return fail(DEFAULTS.notANumber);
      return n > rule.value ? fail(DEFAULTS.max) : null;
    }
    case "matches":
      return value !== values[rule.field] ? fail(DEFAULTS.matches) : null;
    case "custom": {
      const result = rule.test(value, values);
      if (typeof result === "string") return result;
      return result === false ? fail(DEFAULTS.custom) : null;
    }
    default:
      throw new TypeError(`unknown rule type ${JSON.stringify((rule as { type: unknown }).type)}`);
  }
}

function runRules(rules: Rule[], value: unknown, values: Record<string, unknown>): string | null {
  const empty = isEmpty(value);
  for (const rule of rules) {
    if (empty && rule.type !== "required") continue;
    const message = checkRule(rule, value, values);
    if (message !== null) return message;
  }
  return null;
}

export function validateField(
  name: string,
  values: Record<string, unknown>,
  schema: Schema,
): string | null {
  if (!Object.prototype.hasOwnProperty.call(schema, name)) return null;
  return runRules(schema[name], values[name], values);
}

export function validate(values: Record<string, unknown>, schema: Schema): Errors {
  const errors: Errors = {};
  for (const name of Object.keys(schema)) {
    const message = runRules(schema[name], values[name], values);
    if (message !== null) errors[name] = message;
  }
  return errors;
}

export function hasErrors(errors: Errors): boolean {
  return Object.keys(errors).length > 0;
}
