// Times and quantities as the server sends them ({utc, ns}, ISO text or ns numbers) and as
// the panels show them.

/// Milliseconds since the epoch of a server time ({utc, ns}, ISO text, or ns), NaN if none.
export function time_ms(time) {
  if (time === null || time === undefined) return NaN;
  if (typeof time === 'number') return time / 1e6;
  if (typeof time === 'string') return Date.parse(time);
  if (typeof time.ns === 'number' && time.ns !== 0) return time.ns / 1e6;
  if (typeof time.utc === 'string') return Date.parse(time.utc);
  return NaN;
}

/// ISO 8601 UTC text of a time in milliseconds, seconds precision.
export function iso_of_ms(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/// "HH:MM:SSZ" of a server time.
export function clock_text(time) {
  const ms = time_ms(time);
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms).toISOString().slice(11, 19) + 'Z';
}

/// "YYYY-MM-DD HH:MM:SSZ" of a server time.
export function date_time_text(time) {
  const ms = time_ms(time);
  if (!Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/// A number with `digits` decimals, or '—' when absent.
export function number_text(value, digits = 1, unit = '') {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return value.toFixed(digits) + (unit ? ` ${unit}` : '');
}

/// Degrees and decimal minutes, e.g. 51°02.345'N.
export function latlon_text(lat, lon) {
  if (typeof lat !== 'number' || typeof lon !== 'number') return '—';
  const part = (value, positive, negative, width) => {
    const hemisphere = value >= 0 ? positive : negative;
    const absolute = Math.abs(value);
    const degrees = Math.floor(absolute);
    const minutes = (absolute - degrees) * 60;
    return `${String(degrees).padStart(width, '0')}°${minutes.toFixed(3).padStart(6, '0')}'${hemisphere}`;
  };
  return `${part(lat, 'N', 'S', 2)} ${part(lon, 'E', 'W', 3)}`;
}

/// Metres as "850 m" or "2.4 km".
export function distance_text(metres) {
  if (typeof metres !== 'number' || !Number.isFinite(metres)) return '—';
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`;
}
