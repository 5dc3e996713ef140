import net from "node:net";

/** A TCP port free on 127.0.0.1 now (for a server that must keep its port across a restart). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
