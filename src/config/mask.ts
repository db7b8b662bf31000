/** A token as it may be shown: its first 4 characters and an ellipsis; only the ellipsis when it is shorter than 8. */
export function maskToken(token: string): string {
  const chars = Array.from(token);
  return chars.length < 8 ? '…' : `${chars.slice(0, 4).join('')}…`;
}
