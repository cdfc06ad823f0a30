"use client";

export function PrintButton(props: { label: string }) {
  return <button type="button" className="btn" onClick={() => window.print()} data-testid="report-print">{props.label}</button>;
}
