/**
 * A Prism theme whose every token colour reads at WCAG AA (4.5:1) on the block's background and on
 * a highlighted line: colours that fall short are moved towards black (light theme) or white (dark)
 * just far enough. The site's axe check holds code blocks to the same standard as prose.
 */
import type { PrismTheme } from 'prism-react-renderer';

type Rgb = [number, number, number];

function parse(color: string): Rgb | undefined {
  const hex = /^#([\da-f]{3}|[\da-f]{6})$/i.exec(color)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
    return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as Rgb;
  }
  const channels = /^rgba?\(([^)]+)\)$/.exec(color)?.[1]?.split(',').map(Number);
  return channels ? (channels.slice(0, 3) as Rgb) : undefined;
}

const luminance = (rgb: Rgb) =>
  rgb
    .map((channel) => channel / 255)
    .map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4))
    .reduce((sum, value, index) => sum + [0.2126, 0.7152, 0.0722][index] * value, 0);

const contrast = (a: Rgb, b: Rgb) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

const mix = (from: Rgb, to: Rgb, amount: number) =>
  from.map((value, index) => value + (to[index] - value) * amount) as Rgb;

const hex = (rgb: Rgb) => `#${rgb.map((value) => Math.round(value).toString(16).padStart(2, '0')).join('')}`;

/** `highlight` is the highlighted line's background, an rgba() laid over the block's background. */
export function readableTheme(theme: PrismTheme, highlight: string): PrismTheme {
  const background = parse(theme.plain.backgroundColor ?? '#ffffff')!;
  const alpha = Number(/,\s*([\d.]+)\)$/.exec(highlight)?.[1] ?? 1);
  const backgrounds = [background, mix(background, parse(highlight)!, alpha)];
  const target: Rgb = luminance(background) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  const readable = (color: string | undefined) => {
    const rgb = color && parse(color);
    if (!rgb) return color;
    let amount = 0;
    while (amount < 1 && backgrounds.some((behind) => contrast(mix(rgb, target, amount), behind) < 4.6)) amount += 0.05;
    return amount ? hex(mix(rgb, target, amount)) : color;
  };
  return {
    plain: { ...theme.plain, color: readable(theme.plain.color) },
    styles: theme.styles.map((style) => ({ ...style, style: { ...style.style, color: readable(style.style.color) } })),
  };
}
