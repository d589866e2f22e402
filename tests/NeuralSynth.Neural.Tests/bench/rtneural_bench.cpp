// RTNeural side of `neuralsynth bench --rtneural` (issue #21): the same GRU/LSTM JSON models (written by
// `bench --rtneural --write-models DIR`), 48 kHz, 2 s of audio in 64-sample blocks, one thread, thread CPU time,
// best of 5 passes after a warm-up. RTNeural is not vendored: build against a checkout of its public source:
//   g++ -O3 -march=native -std=c++17 -DNDEBUG -DRTNEURAL_USE_EIGEN=1 -DRTNEURAL_DEFAULT_ALIGNMENT=32 \
//       -I$RTN -I$RTN/modules/Eigen -I$RTN/modules/json rtneural_bench.cpp -o rtneural_bench
//   ./rtneural_bench DIR
#include <RTNeural/RTNeural.h>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

static double threadCpu()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static constexpr int sampleRate = 48000, blockSize = 64;
static constexpr double seconds = 2.0;

static std::vector<float> testSignal(int frames)
{
    std::vector<float> x(frames);
    unsigned state = 1234;
    for(int i = 0; i < frames; ++i)
    {
        double t = i / (double)sampleRate;
        double env = std::exp(-6 * std::fmod(t, 0.5));
        state = state * 1664525u + 1013904223u;
        double noise = (state >> 8) / 16777216.0 - 0.5;
        x[i] = (float)(0.5 * env * (std::sin(2 * M_PI * 110 * t) + 0.5 * std::sin(2 * M_PI * 220 * t)) + 0.01 * noise);
    }
    return x;
}

template <typename M>
static double bench(M& model, const std::vector<float>& x, double& checksum)
{
    const int frames = (int)x.size();
    std::vector<float> y(blockSize);
    double best = 1e30;
    for(int pass = 0; pass < 6; ++pass)
    {
        model.reset();
        double sum = 0;
        double before = threadCpu();
        for(int start = 0; start < frames; start += blockSize)
        {
            int n = std::min(blockSize, frames - start);
            for(int i = 0; i < n; ++i)
                y[i] = model.forward(&x[start + i]);
            sum += y[0];
        }
        double cpu = threadCpu() - before;
        checksum = sum;
        if(pass > 0 && cpu < best) best = cpu; // pass 0 warms caches
    }
    return best;
}

static void report(const char* api, const char* kind, int hidden, double cpu, double checksum)
{
    std::printf("  %-8s %-4s %3d  RTF %7.1fx  (%6.2f ms CPU per 2 s of audio)  [checksum %.4g]\n",
                api, kind, hidden, seconds / cpu, cpu * 1000 * 2 / seconds, checksum);
}

template <int H>
static void runSize(const std::string& dir, const std::vector<float>& x)
{
    for(const char* kind : { "gru", "lstm" })
    {
        const std::string file = dir + "/" + kind + "-" + std::to_string(H) + ".json";
        double checksum = 0;
        {
            std::ifstream s(file, std::ifstream::binary);
            auto model = RTNeural::json_parser::parseJson<float>(s);
            double cpu = bench(*model, x, checksum);
            report("run-time", kind, H, cpu, checksum);
        }
        std::ifstream s(file, std::ifstream::binary);
        if(std::string(kind) == "gru")
        {
            RTNeural::ModelT<float, 1, 1, RTNeural::GRULayerT<float, 1, H>, RTNeural::DenseT<float, H, 1>> m;
            m.parseJson(s);
            double cpu = bench(m, x, checksum);
            report("compile", kind, H, cpu, checksum);
        }
        else
        {
            RTNeural::ModelT<float, 1, 1, RTNeural::LSTMLayerT<float, 1, H>, RTNeural::DenseT<float, H, 1>> m;
            m.parseJson(s);
            double cpu = bench(m, x, checksum);
            report("compile", kind, H, cpu, checksum);
        }
    }
}

int main(int argc, char** argv)
{
    if(argc < 2) { std::fprintf(stderr, "usage: rtneural_bench MODEL_DIR\n"); return 2; }
    const auto x = testSignal((int)(seconds * sampleRate));
    std::printf("RTNeural (Eigen backend, float), %d Hz, %.0f s, %d-sample blocks, one thread, thread CPU time, best of 5\n", sampleRate, seconds, blockSize);
    runSize<24>(argv[1], x);
    runSize<32>(argv[1], x);
    runSize<64>(argv[1], x);
    return 0;
}
