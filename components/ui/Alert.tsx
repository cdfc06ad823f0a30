export function Alert({ kind, children, testId }: { kind: "error" | "ok" | "info"; children: React.ReactNode; testId?: string }) {
  return (
    <div className={`alert ${kind}`} role={kind === "error" ? "alert" : "status"} data-testid={testId}>
      {children}
    </div>
  );
}
