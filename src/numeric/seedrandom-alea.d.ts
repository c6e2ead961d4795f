// Types of the one file of seedrandom that src/numeric/alea.ts imports (@types/seedrandom types only
// the package's index).
declare module "seedrandom/lib/alea.js" {
  const alea: (seed?: string) => () => number;
  export default alea;
}
