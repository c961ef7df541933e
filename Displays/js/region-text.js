// The region page's wording, kept apart from the page so Node can test it.

/** Measured durations (p90, means) carry no "±": they are not estimates. */
export function measuredText(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return "kurang dari 1 menit";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} menit`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} jam` : `${h} jam ${m} menit`;
}

/** "Senyap sejak 09:15" (or with the date when it is not today). */
export function stateText(hall) {
  if (hall.state === "live") return "Terhubung";
  if (hall.state === "lagging") {
    return hall.lag_s ? `Tertinggal ${measuredText(hall.lag_s)}` : "Tertinggal";
  }
  if (!hall.since) return "Senyap";
  const day = hall.since.slice(0, 10);
  const clock = hall.since.slice(11, 16);
  return day === hall.today?.date ? `Senyap sejak ${clock}` : `Senyap sejak ${day} ${clock}`;
}
