/** The sizes marketing asks for most, as width x height (snapped by the model's rule when sent). */
export const SIZE_PRESETS = [
  { label: '1:1', width: 1024, height: 1024 },
  { label: '1:1', width: 1536, height: 1536 },
  { label: '1:1', width: 2048, height: 2048 },
  { label: '3:4', width: 1080, height: 1440 },
  { label: 'story', width: 1080, height: 1920 }, // shown as "9:16 story"
  { label: '16:9', width: 1920, height: 1080 },
  { label: '21:9', width: 2048, height: 872 },
  // ISO A-series paper (A4, A3 posters): 1 : √2
  { label: 'A', width: 1448, height: 2048 }, // shown as "A poster 1:1.414"
] as const
