/** Where an event's target lives in the console (null when it has no page of its own). */
export function targetHref(type: string | null, id: string | null): string | null {
  if (!type || !id) return null;
  const e = encodeURIComponent(id);
  switch (type) {
    case "account": return `/ra/accounts/${e}`;
    case "certificate": return `/ra/certificates/${e}`;
    case "ca": return `/ra/authorities/${e}`;
    case "ua": return `/ra/enrollment/${e}`;
    case "admin": return "/ra/admins";
    case "apitoken": return "/ra/tokens";
    case "group": return `/ra/groups/${e}`;
    case "template": return `/ra/templates/${e}`;
    case "deploy-target": return `/ra/deploy/${e}`;
    case "application": return `/ra/applications/${e}`;
    default: return null;
  }
}

/** The audit log filtered to one target. */
export function targetFilterHref(type: string, id: string): string {
  return `/ra/audit?${new URLSearchParams({ targetType: type, targetId: id })}`;
}
