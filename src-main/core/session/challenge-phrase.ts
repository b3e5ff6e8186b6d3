/**
 * The phrase a committed session asks for before it can end early. Short, common, unambiguous English words:
 * typing five of them takes a deliberate half minute, which is the point (a pause, not a punishment).
 */
export const CHALLENGE_WORDS = [
  'amber', 'anchor', 'apple', 'arrow', 'aspen', 'atlas', 'autumn', 'badge', 'bamboo', 'banner', 'barley', 'basin',
  'beacon', 'berry', 'birch', 'blanket', 'bloom', 'border', 'bottle', 'branch', 'breeze', 'brick', 'bridge', 'brook',
  'bucket', 'butter', 'cabin', 'cactus', 'candle', 'canoe', 'canvas', 'canyon', 'carbon', 'cargo', 'carpet', 'castle',
  'cedar', 'cellar', 'chalk', 'cherry', 'circle', 'citrus', 'clover', 'cobalt', 'comet', 'copper', 'coral', 'cotton',
  'cradle', 'crane', 'crater', 'crystal', 'current', 'daisy', 'dawn', 'delta', 'desert', 'dolphin', 'dune', 'eagle',
  'ember', 'engine', 'falcon', 'feather', 'fern', 'fiber', 'field', 'flint', 'forest', 'fossil', 'fountain', 'garden',
  'garnet', 'ginger', 'glacier', 'granite', 'gravel', 'harbor', 'harvest', 'hazel', 'helmet', 'heron', 'hollow',
  'honey', 'horizon', 'island', 'ivory', 'jacket', 'jasmine', 'jungle', 'kettle', 'lantern', 'lattice', 'lemon',
  'linen', 'lizard', 'locket', 'lotus', 'magnet', 'maple', 'marble', 'meadow', 'mirror', 'mosaic', 'mountain',
  'needle', 'nickel', 'north', 'oasis', 'ocean', 'olive', 'orbit', 'orchard', 'otter', 'paddle', 'palace', 'paper',
  'parcel', 'pebble', 'pepper', 'pigeon', 'pillow', 'planet', 'pocket', 'pollen', 'prairie', 'prism', 'quarry',
  'quartz', 'rabbit', 'radish', 'raven', 'reef', 'ribbon', 'ripple', 'river', 'rocket', 'saddle', 'salmon', 'satin',
  'season', 'shadow', 'shell', 'signal', 'silver', 'slate', 'spruce', 'squash', 'stable', 'starling', 'stone',
  'summit', 'sunset', 'tablet', 'temple', 'thistle', 'thunder', 'timber', 'tulip', 'tunnel', 'valley', 'velvet',
  'violet', 'walnut', 'willow', 'window', 'winter', 'wool', 'yarrow', 'zephyr',
] as const;

export const CHALLENGE_WORD_COUNT = 5;

/** `random(n)` returns an integer in [0, n); core passes a cryptographic source, tests a seeded one. */
export function challengePhrase(random: (max: number) => number, count = CHALLENGE_WORD_COUNT): string {
  return Array.from({ length: count }, () => CHALLENGE_WORDS[random(CHALLENGE_WORDS.length)]).join(' ');
}

/** Spacing and letter case do not count: the phrase is a pause to type, not a spelling test of whitespace. */
export function phraseMatches(expected: string, typed: string): boolean {
  const normalize = (text: string) => text.trim().split(/\s+/).join(' ').toLowerCase();
  return normalize(typed) !== '' && normalize(typed) === normalize(expected);
}
