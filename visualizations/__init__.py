"""pyvis renderers (one per view) sharing one style/legend module. All JS/CSS inlined: works offline."""
