import React, { useRef, useState } from "react";

export interface SignupValues {
  name: string;
  email: string;
  password: string;
}

export interface SignupFormProps {
  onSubmit: (values: SignupValues) => void;
}

type FieldName = "name" | "email" | "password" | "confirm";
type FormState = Record<FieldName, string>;
type Errors = Partial<Record<FieldName, string>>;

const FIELDS: { key: FieldName; label: string; id: string; type: string }[] = [
  { key: "name", label: "Name", id: "signup-name", type: "text" },
  { key: "email", label: "Email", id: "signup-email", type: "email" },
  { key: "password", label: "Password", id: "signup-password", type: "password" },
  { key: "confirm", label: "Confirm password", id: "signup-confirm", type: "password" },
];

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD_HINT_ID = "signup-password-hint";

export function validate(values: FormState): Errors {
  const errors: Errors = {};
  if (values.name.trim() === "") errors.name = "Enter your name.";

  const email = values.email.trim();
  if (email === "") errors.email = "Enter your email address.";
  else if (!EMAIL_RE.test(email)) errors.email = "Enter a valid email address.";

  if (values.password.length < 8) errors.password = "Password must be at least 8 characters.";
  else if (!/[0-9]/.test(values.password)) errors.password = "Password must contain a number.";

  if (values.confirm === "") errors.confirm = "Confirm your password.";
  else if (values.confirm !== values.password) errors.confirm = "Passwords do not match.";
  return errors;
}

export default function SignupForm({ onSubmit }: SignupFormProps) {
  const [values, setValues] = useState<FormState>({ name: "", email: "", password: "", confirm: "" });
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | null>>>({});

  const errors = validate(values);
  const shown = (key: FieldName): string | undefined =>
    submitted || touched[key] ? errors[key] : undefined;

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    const firstInvalid = FIELDS.find((field) => errors[field.key] !== undefined);
    if (firstInvalid) {
      inputs.current[firstInvalid.key]?.focus();
      return;
    }
    onSubmit({ name: values.name.trim(), email: values.email.trim(), password: values.password });
  }

  return (
    <form noValidate onSubmit={handleSubmit}>
      {FIELDS.map((field) => {
        const error = shown(field.key);
        const errorId = `${field.id}-error`;
        const describedBy = error ? errorId : field.key === "password" ? PASSWORD_HINT_ID : "";
        return (
          <div className="field" key={field.key}>
            <label htmlFor={field.id}>{field.label}</label>
            {field.key === "password" && (
              <p id={PASSWORD_HINT_ID}>At least 8 characters, including a number.</p>
            )}
            <input
              ref={(el) => { inputs.current[field.key] = el; }}
              id={field.id}
              name={field.key}
              type={field.type}
              value={values[field.key]}
              aria-required="true"
              aria-invalid={error ? "true" : "false"}
              aria-describedby={describedBy || undefined}
              onChange={(event) => {
                const value = event.target.value;
                setValues((prev) => ({ ...prev, [field.key]: value }));
              }}
              onBlur={() => setTouched((prev) => ({ ...prev, [field.key]: true }))}
            />
            {error && (
              <p id={errorId} className="error">{error}</p>
            )}
          </div>
        );
      })}
      <button type="submit">Create account</button>
    </form>
  );
}
