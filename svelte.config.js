export default {
  compilerOptions: {
    runes: true,
    // Svelte names files relative to rootDir (default: the current directory) and derives scoped CSS class names
    // from that name; the project root makes a build's bytes independent of where it was started from.
    rootDir: import.meta.dirname,
  },
};
