# modelmarket's command line in a container, for the Kubernetes recipe of docs/scale-out.md.
# Build: docker build -t REGISTRY/modelmarket:0.1.0 .   Pin the base image by digest for a build that
# does not move (docs/scale-out.md says how), and run the pushed image by its digest.
FROM node:20-bookworm-slim
WORKDIR /opt/modelmarket
COPY package.json package-lock.json ./
COPY bin bin
COPY src src
COPY solvers solvers
COPY proofs-check proofs-check
COPY empirical empirical
COPY cli cli
COPY data data
COPY examples examples
COPY schema schema
COPY tsconfig.json tsconfig.build.json ./
# `npm ci` runs `prepare`, which is `node scripts/build.mjs`
COPY scripts/build.mjs scripts/build.mjs
# npm ci builds dist/ (the `prepare` script) with the development tools, which are then dropped
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund \
  && ln -s /opt/modelmarket/bin/modelmarket.js /usr/local/bin/modelmarket
USER node
WORKDIR /work
ENTRYPOINT []
CMD ["modelmarket", "--help"]
