# SPDX-License-Identifier: MIT
# Shared by the build steps: keep a work tree in sync with a queue.

# sync_queue_tree NAME DIR: DIR holds pristine + queue as commits; it is
# rebuilt only when the queue or the pinned source changed, so incremental
# builds in a sibling object directory stay incremental.
sync_queue_tree() {
	local name=$1 dir=$2 want
	want="$(cat "$(version_file "$(upstream_of "$name")")" 2>/dev/null) $(hash_inputs "$(queue_dir "$name")") ${CSVGA_KERNEL_QUEUE:-}"
	if [ -f "$dir/.git/csvga-queue" ] && [ "$(cat "$dir/.git/csvga-queue")" = "$want" ] &&
		[ -z "$(git -C "$dir" status --porcelain --untracked-files=no)" ]; then
		return 0
	fi
	step "applying the $name patch queue" "$CSVGA_LOGS/queue-$name.log" \
		apply_queue "$name" "$dir" --force
	want="$(cat "$(version_file "$(upstream_of "$name")")") $(hash_inputs "$(queue_dir "$name")") ${CSVGA_KERNEL_QUEUE:-}"
	echo "$want" >"$dir/.git/csvga-queue"
}
