# Drives an old tern's full-screen interface in a private tmux server (120x40), one key at a time,
# with no config.toml of the person running it (their key bindings would change what keys do).
tui_start() {
  mkdir -p -m 700 "$PWD/xdg"
  tmux -L tern-fixtures new-session -d -s fx -x 120 -y 40 "TERM=xterm-256color XDG_CONFIG_HOME=$PWD/xdg $*"
  sleep 1.5
}
tui_keys() { for k in "$@"; do tmux -L tern-fixtures send-keys -t fx "$k"; sleep 0.4; done; }
tui_text() { tmux -L tern-fixtures send-keys -t fx -l "$1"; sleep 0.4; }
# q goes back a pane before it quits: press it until tern is gone.
tui_quit() {
  for _ in 1 2 3 4; do
    tmux -L tern-fixtures has-session -t fx 2>/dev/null || return 0
    tmux -L tern-fixtures send-keys -t fx q; sleep 1
  done
  tmux -L tern-fixtures capture-pane -p -t fx; tmux -L tern-fixtures kill-session -t fx
  echo "tern did not quit" >&2; return 1
}
