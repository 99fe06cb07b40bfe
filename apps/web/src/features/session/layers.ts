/**
 * The simulcast layer worth receiving for a tile this wide (CSS pixels): the camera sends
 * a quarter, a half and full resolution of up to 1280 px, so pick the smallest that fills
 * the tile's device pixels. Saves the weak links of patients on phones.
 */
export function layerForWidth(cssWidth: number, pixelRatio = 1): 0 | 1 | 2 {
  const pixels = cssWidth * pixelRatio;
  if (pixels <= 360) return 0;
  if (pixels <= 720) return 1;
  return 2;
}
