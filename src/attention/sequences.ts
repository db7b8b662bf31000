// The bytes that call for attention, outside ink's frames: the bell, a desktop notification through the terminal, the
// window title and its save/restore. Pure. Only aksync's own words go in (`attentionText`): never server text as it
// came, which could end the sequence early and smuggle in another.
//
// - Bell: BEL (0x07). Terminals ring, flash or mark the tab, as their user chose; tmux and screen pass it on.
// - Notification: OSC 9 (`ESC ] 9 ; text BEL`: iTerm2, Windows Terminal, ConEmu, WezTerm, kitty, Ghostty) or, where
//   the terminal is known to show it, OSC 777 (`ESC ] 777 ; notify ; title ; body BEL`: foot, urxvt with its notify
//   extension, Ghostty, WezTerm). Inside tmux (TMUX set) the sequence is wrapped in tmux's passthrough
//   (`ESC P tmux ; … ESC \`, every ESC doubled), which tmux 3.3+ forwards only with `set -g allow-passthrough on`.
// - Title: OSC 2. Before the first title aksync pushes the terminal's own title on its stack (XTWINOPS `CSI 22;0 t`)
//   and pops it on the way out (`CSI 23;0 t`), so the old title comes back (xterm, VTE, kitty, iTerm2, WezTerm, foot;
//   tmux sets the pane title, shown with `set -g set-titles on`).

export const BELL = '\u0007';
export const PUSH_TITLE = '\u001b[22;0t';
export const POP_TITLE = '\u001b[23;0t';

const MAX_TEXT = 120;

/** Letters, digits, spaces and `._:/()-,>` only: anything else (controls, `;`, quotes, non-ASCII) becomes `?`. */
export function attentionText(text: string): string {
  const plain = text.replace(/[^A-Za-z0-9 ._:/()\-,>]/g, '?').replace(/\s+/g, ' ').trim();
  return plain.length <= MAX_TEXT ? plain : `${plain.slice(0, MAX_TEXT - 3)}...`;
}

export function titleSequence(text: string): string {
  return `\u001b]2;${attentionText(text)}\u0007`;
}

export type NotifyProtocol = 'osc9' | 'osc777';

/** OSC 777 where the terminal is known to show it; OSC 9 elsewhere. */
export function notifyProtocol(env: NodeJS.ProcessEnv): NotifyProtocol {
  const term = env.TERM ?? '';
  const program = env.TERM_PROGRAM ?? '';
  if (term.startsWith('foot') || term.startsWith('rxvt-unicode') || program === 'ghostty') return 'osc777';
  return 'osc9';
}

export function notifySequence(title: string, body: string, protocol: NotifyProtocol): string {
  return protocol === 'osc777'
    ? `\u001b]777;notify;${attentionText(title)};${attentionText(body)}\u0007`
    : `\u001b]9;${attentionText(`${title}: ${body}`)}\u0007`;
}

/** Inside tmux: the sequence goes through to the outer terminal (with `allow-passthrough on`). */
export function tmuxPassthrough(sequence: string): string {
  return `\u001bPtmux;${sequence.replaceAll('\u001b', '\u001b\u001b')}\u001b\\`;
}

export function insideTmux(env: NodeJS.ProcessEnv): boolean {
  return (env.TMUX ?? '') !== '';
}
