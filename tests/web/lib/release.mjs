// The release rule of docs/api.md (share::may_release) restated for the browser test, so the
// test can tell which items a principal must not see from the labels the server shows an
// administrator. Purposes: labels say sar / border_monitoring / law_enforcement, principals
// say sar / border / law.

const kPurposeBits = { sar: 1, border: 2, border_monitoring: 2, law: 4, law_enforcement: 4 };

function purpose_bits(names) {
  return (names || []).reduce((bits, name) => bits | (kPurposeBits[name] || 0), 0);
}

/// Whether an item with `label` may go to `principal` ({name, nation, agency, purposes, personal_data}).
export function may_release(label, principal) {
  if (!label) return false;
  if ((purpose_bits(label.purposes) & purpose_bits(principal.purposes)) === 0) return false;
  if (label.personal_data && !principal.personal_data) return false;
  const sensitivity = String(label.sensitivity || 'green').toLowerCase();
  if (sensitivity === 'clear') return true;
  const owners = String(label.owner || '').split('+').filter(Boolean);
  const releasable = label.releasable_to || [];
  if (sensitivity === 'red') return owners.includes(principal.agency) || releasable.includes(principal.name);
  if (owners.some((owner) => owner === principal.agency || owner.split('/')[0] === principal.nation)) return true;
  return releasable.some(
    (party) => party === '*' || party === principal.nation || party === principal.agency || party === principal.name,
  );
}
