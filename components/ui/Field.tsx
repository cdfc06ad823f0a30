import { useId } from "react";

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  label: string;
  help?: string;
  error?: string;
  multiline?: boolean;
}

/** A labelled input with help text and an error message tied to it for screen readers. */
export function Field({ label, help, error, multiline, ...input }: FieldProps) {
  const id = useId();
  const described = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} name={input.name} defaultValue={input.defaultValue as string} aria-describedby={described} aria-invalid={Boolean(error)} />
      ) : (
        <input id={id} aria-describedby={described} aria-invalid={Boolean(error)} {...input} />
      )}
      {help && <span className="help" id={`${id}-help`}>{help}</span>}
      {error && <span className="field-error" id={`${id}-error`}>{error}</span>}
    </div>
  );
}
